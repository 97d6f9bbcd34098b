// Every flag external-dns accepts at v0.20.0, v0.21.0 and v0.22.0, read from upstream's
// pkg/apis/externaldns/types.go at each tag (the line numbers are where each flag is bound there),
// and what dnsdrift does with it. Data only: config-flags reads it.
//
// Kinds, one letter per release (v0.20.0, v0.21.0, v0.22.0), "-" where the release lacks the flag
// (external-dns then refuses to start: kingpin's "unknown long flag"):
//   s string  l repeatable list  b bool (--flag, --no-flag, --flag=true)  d duration  i integer
//   e enum  r regular expression  m key=value map
//
// Uses:
//   modelled            dnsdrift computes its effect
//   ignored             no effect on which records external-dns writes (logging, clients, timings)
//   unmodelled          changes the records in ways dnsdrift does not compute: deletes are withheld
//   source:a|b          an option of those sources: no effect unless one of them is configured
//   provider:p          an option of another provider: no effect with Cloudflare
//   registry:r          an option of another registry: no effect with the TXT registry

export type FlagUse = "modelled" | "ignored" | "unmodelled" | `source:${string}` | `provider:${string}` | `registry:${string}`;

export const RELEASES = [20, 21, 22] as const;

export const FLAG_TABLE: Record<string, [kinds: string, use: FlagUse]> = {
  "akamai-access-token": ["ss-", "provider:akamai"], // types.go L708/633/0
  "akamai-client-secret": ["ss-", "provider:akamai"], // types.go L707/632/0
  "akamai-client-token": ["ss-", "provider:akamai"], // types.go L706/631/0
  "akamai-edgerc-path": ["ss-", "provider:akamai"], // types.go L709/634/0
  "akamai-edgerc-section": ["ss-", "provider:akamai"], // types.go L710/635/0
  "akamai-serviceconsumerdomain": ["ss-", "provider:akamai"], // types.go L705/630/0
  "alibaba-cloud-config-file": ["sss", "provider:alibabacloud"], // types.go L670/592/559
  "alibaba-cloud-zone-type": ["eee", "provider:alibabacloud"], // types.go L671/593/560
  "always-publish-not-ready-addresses": ["bbb", "modelled"], // types.go L612/541/508
  "annotation-filter": ["sss", "modelled"], // types.go L613/542/509
  "annotation-prefix": ["sss", "modelled"], // types.go L614/543/510
  "aws-api-retries": ["iii", "provider:aws"], // types.go L682/604/571
  "aws-assume-role": ["sss", "provider:aws"], // types.go L675/597/564
  "aws-assume-role-external-id": ["sss", "provider:aws"], // types.go L676/598/565
  "aws-batch-change-interval": ["ddd", "provider:aws"], // types.go L680/602/569
  "aws-batch-change-size": ["iii", "provider:aws"], // types.go L677/599/566
  "aws-batch-change-size-bytes": ["iii", "provider:aws"], // types.go L678/600/567
  "aws-batch-change-size-values": ["iii", "provider:aws"], // types.go L679/601/568
  "aws-evaluate-target-health": ["bbb", "provider:aws"], // types.go L681/603/570
  "aws-prefer-cname": ["bbb", "provider:aws"], // types.go L683/605/572
  "aws-profile": ["lll", "provider:aws"], // types.go L674/596/563
  "aws-sd-create-tag": ["mmm", "provider:aws-sd"], // types.go L687/609/576
  "aws-sd-service-cleanup": ["bbb", "provider:aws-sd"], // types.go L686/608/575
  "aws-zone-match-parent": ["bbb", "provider:aws"], // types.go L685/607/574
  "aws-zone-tags": ["lll", "provider:aws"], // types.go L673/595/562
  "aws-zone-type": ["eee", "provider:aws"], // types.go L672/594/561
  "aws-zones-cache-duration": ["ddd", "provider:aws"], // types.go L684/606/573
  "azure-config-file": ["sss", "provider:azure"], // types.go L688/610/577
  "azure-maxretries-count": ["iii", "provider:azure"], // types.go L693/615/582
  "azure-resource-group": ["sss", "provider:azure"], // types.go L689/611/578
  "azure-subscription-id": ["sss", "provider:azure"], // types.go L690/612/579
  "azure-user-assigned-identity-client-id": ["sss", "provider:azure"], // types.go L691/613/580
  "azure-zones-cache-duration": ["ddd", "provider:azure"], // types.go L692/614/581
  "batch-change-interval": ["-dd", "ignored"], // types.go L0/618/585
  "batch-change-size": ["-ii", "modelled"], // types.go L0/617/584
  "cf-api-endpoint": ["s--", "source:cloudfoundry"], // types.go L601/0/0
  "cf-password": ["s--", "source:cloudfoundry"], // types.go L603/0/0
  "cf-username": ["s--", "source:cloudfoundry"], // types.go L602/0/0
  "cloudflare-custom-hostnames": ["bbb", "modelled"], // types.go L696/620/587
  "cloudflare-custom-hostnames-certificate-authority": ["eee", "ignored"], // types.go L698/622/589
  "cloudflare-custom-hostnames-min-tls-version": ["eee", "ignored"], // types.go L697/621/588
  "cloudflare-dns-records-per-page": ["iii", "modelled"], // types.go L699/623/590
  "cloudflare-proxied": ["bbb", "modelled"], // types.go L695/619/586
  "cloudflare-record-comment": ["sss", "modelled"], // types.go L702/626/593
  "cloudflare-region-key": ["sss", "modelled"], // types.go L701/625/592
  "cloudflare-regional-services": ["bbb", "modelled"], // types.go L700/624/591
  "combine-fqdn-annotation": ["bbb", "modelled"], // types.go L615/738/692
  "compatibility": ["eee", "modelled"], // types.go L616/544/511
  "connector-source-server": ["sss", "source:connector"], // types.go L617/545/512
  "coredns-prefix": ["sss", "provider:coredns"], // types.go L704/628/595
  "coredns-strictly-owned": ["-bb", "provider:coredns"], // types.go L0/629/596
  "crd-source-apiversion": ["sss", "modelled"], // types.go L618/546/513
  "crd-source-kind": ["sss", "modelled"], // types.go L619/547/514
  "create-ptr": ["-bb", "unmodelled"], // types.go L0/581/548
  "default-targets": ["lll", "modelled"], // types.go L620/548/515
  "digitalocean-api-page-size": ["i--", "provider:digitalocean"], // types.go L727/0/0
  "domain-filter": ["lll", "modelled"], // types.go L660/582/549
  "dry-run": ["bbb", "modelled"], // types.go L799/722/676
  "dynamodb-region": ["sss", "registry:dynamodb"], // types.go L791/714/668
  "dynamodb-table": ["sss", "registry:dynamodb"], // types.go L792/715/669
  "events": ["bbb", "ignored"], // types.go L800/723/677
  "events-emit": ["lll", "ignored"], // types.go L649/579/546
  "exclude-domains": ["lll", "modelled"], // types.go L661/583/550
  "exclude-record-types": ["lll", "modelled"], // types.go L622/551/518
  "exclude-target-net": ["lll", "modelled"], // types.go L623/552/519
  "exclude-unschedulable": ["bbb", "modelled"], // types.go L624/553/520
  "exoscale-apienv": ["sss", "provider:exoscale"], // types.go L740/664/625
  "exoscale-apikey": ["sss", "provider:exoscale"], // types.go L742/666/627
  "exoscale-apisecret": ["sss", "provider:exoscale"], // types.go L743/667/628
  "exoscale-apizone": ["sss", "provider:exoscale"], // types.go L741/665/626
  "exoscale-zones-cache-duration": ["--d", "provider:exoscale"], // types.go L0/0/629
  "expose-internal-ipv6": ["bbb", "modelled"], // types.go L625/554/521
  "force-default-targets": ["bbb", "modelled"], // types.go L621/549/516
  "fqdn-target-template": ["-sl", "modelled"], // types.go L0/741/695
  "fqdn-template": ["ssl", "modelled"], // types.go L626/739/693
  "gateway-label-filter": ["sss", "modelled"], // types.go L627/555/522
  "gateway-listener-sets": ["-bb", "modelled"], // types.go L0/558/525
  "gateway-name": ["sss", "modelled"], // types.go L628/556/523
  "gateway-namespace": ["sss", "modelled"], // types.go L629/557/524
  "gloo-namespace": ["lll", "source:gloo-proxy"], // types.go L606/535/502
  "godaddy-api-key": ["sss", "provider:godaddy"], // types.go L729/653/614
  "godaddy-api-ote": ["bbb", "provider:godaddy"], // types.go L732/656/617
  "godaddy-api-secret": ["sss", "provider:godaddy"], // types.go L730/654/615
  "godaddy-api-ttl": ["iii", "provider:godaddy"], // types.go L731/655/616
  "google-batch-change-interval": ["ddd", "provider:google"], // types.go L668/590/557
  "google-batch-change-size": ["iii", "provider:google"], // types.go L667/589/556
  "google-project": ["sss", "provider:google"], // types.go L666/588/555
  "google-zone-visibility": ["eee", "provider:google"], // types.go L669/591/558
  "ignore-hostname-annotation": ["bbb", "modelled"], // types.go L630/559/526
  "ignore-ingress-rules-spec": ["bbb", "modelled"], // types.go L631/560/527
  "ignore-ingress-tls-spec": ["bbb", "modelled"], // types.go L632/561/528
  "ignore-non-host-network-pods": ["bbb", "source:pod"], // types.go L633/562/529
  "ingress-class": ["lll", "modelled"], // types.go L634/563/530
  "inmemory-zone": ["lll", "provider:inmemory"], // types.go L716/641/602
  "interval": ["ddd", "modelled"], // types.go L796/719/673
  "kube-api-burst": ["-ii", "ignored"], // types.go L0/748/702
  "kube-api-qps": ["-ii", "ignored"], // types.go L0/747/701
  "kube-api-request-timeout": ["-dd", "ignored"], // types.go L0/746/700
  "kubeconfig": ["sss", "ignored"], // types.go L595/744/698
  "label-filter": ["sss", "modelled"], // types.go L635/564/531
  "listen-endpoint-events": ["bbb", "ignored"], // types.go L598/532/499
  "log-format": ["eee", "ignored"], // types.go L803/727/681
  "log-level": ["eee", "ignored"], // types.go L805/729/683
  "managed-record-types": ["lll", "modelled"], // types.go L637/566/533
  "metrics-address": ["sss", "ignored"], // types.go L804/728/682
  "migrate-from-txt-owner": ["sss", "modelled"], // types.go L790/713/667
  "min-event-sync-interval": ["ddd", "ignored"], // types.go L797/720/674
  "min-ttl": ["-dd", "modelled"], // types.go L0/724/678
  "namespace": ["sss", "modelled"], // types.go L638/567/534
  "nat64-networks": ["lll", "unmodelled"], // types.go L639/568/535
  "ns1-endpoint": ["sss", "provider:ns1"], // types.go L724/649/610
  "ns1-ignoressl": ["bbb", "provider:ns1"], // types.go L725/650/611
  "ns1-min-ttl": ["iii", "provider:ns1"], // types.go L726/651/612
  "oci-auth-instance-principal": ["bbb", "provider:oci"], // types.go L714/639/600
  "oci-compartment-ocid": ["sss", "provider:oci"], // types.go L712/637/598
  "oci-config-file": ["sss", "provider:oci"], // types.go L711/636/597
  "oci-zone-scope": ["eee", "provider:oci"], // types.go L713/638/599
  "oci-zones-cache-duration": ["ddd", "provider:oci"], // types.go L715/640/601
  "once": ["bbb", "modelled"], // types.go L798/721/675
  "openshift-router-name": ["sss", "source:openshift-route"], // types.go L640/569/536
  "ovh-api-rate-limit": ["iii", "provider:ovh"], // types.go L718/643/604
  "ovh-enable-cname-relative": ["bbb", "provider:ovh"], // types.go L719/644/605
  "ovh-endpoint": ["sss", "provider:ovh"], // types.go L717/642/603
  "pdns-api-key": ["sss", "provider:pdns"], // types.go L722/647/608
  "pdns-server": ["sss", "provider:pdns"], // types.go L720/645/606
  "pdns-server-id": ["sss", "provider:pdns"], // types.go L721/646/607
  "pdns-skip-tls-verify": ["bbb", "provider:pdns"], // types.go L723/648/609
  "pihole-api-version": ["ss-", "provider:pihole"], // types.go L773/696/0
  "pihole-password": ["sss", "provider:pihole"], // types.go L771/694/653
  "pihole-server": ["sss", "provider:pihole"], // types.go L770/693/652
  "pihole-tls-skip-verify": ["bbb", "provider:pihole"], // types.go L772/695/654
  "plural-cluster": ["ss-", "provider:plural"], // types.go L776/699/0
  "plural-provider": ["ss-", "provider:plural"], // types.go L777/700/0
  "pod-source-domain": ["sss", "source:pod"], // types.go L641/570/537
  "policy": ["eee", "modelled"], // types.go L780/703/657
  "prefer-alias": ["-bb", "unmodelled"], // types.go L0/550/517
  "provider": ["eee", "modelled"], // types.go L823/761/715
  "provider-cache-time": ["ddd", "ignored"], // types.go L659/580/547
  "publish-host-ip": ["bbb", "modelled"], // types.go L642/571/538
  "publish-internal-services": ["bbb", "modelled"], // types.go L643/572/539
  "regex-domain-exclusion": ["rrr", "modelled"], // types.go L663/585/552
  "regex-domain-filter": ["rrr", "modelled"], // types.go L662/584/551
  "registry": ["eee", "modelled"], // types.go L783/706/660
  "request-timeout": ["ddd", "ignored"], // types.go L596/745/699
  "resolve-service-load-balancer-hostname": ["bbb", "modelled"], // types.go L597/531/498
  "rfc2136-axfr": ["--b", "provider:rfc2136"], // types.go L0/0/639
  "rfc2136-batch-change-size": ["iii", "provider:rfc2136"], // types.go L760/683/646
  "rfc2136-create-ptr": ["b--", "provider:rfc2136"], // types.go L749/0/0
  "rfc2136-gss-tsig": ["bbb", "provider:rfc2136"], // types.go L756/679/642
  "rfc2136-host": ["lll", "provider:rfc2136"], // types.go L746/670/632
  "rfc2136-insecure": ["bbb", "provider:rfc2136"], // types.go L750/673/635
  "rfc2136-kerberos-password": ["sss", "provider:rfc2136"], // types.go L758/681/644
  "rfc2136-kerberos-realm": ["sss", "provider:rfc2136"], // types.go L759/682/645
  "rfc2136-kerberos-username": ["sss", "provider:rfc2136"], // types.go L757/680/643
  "rfc2136-load-balancing-strategy": ["eee", "provider:rfc2136"], // types.go L763/686/649
  "rfc2136-min-ttl": ["ddd", "provider:rfc2136"], // types.go L755/678/641
  "rfc2136-port": ["iii", "provider:rfc2136"], // types.go L747/671/633
  "rfc2136-skip-tls-verify": ["bbb", "provider:rfc2136"], // types.go L762/685/648
  "rfc2136-tsig-axfr": ["bbb", "provider:rfc2136"], // types.go L754/677/640
  "rfc2136-tsig-keyname": ["sss", "provider:rfc2136"], // types.go L751/674/636
  "rfc2136-tsig-secret": ["sss", "provider:rfc2136"], // types.go L752/675/637
  "rfc2136-tsig-secret-alg": ["sss", "provider:rfc2136"], // types.go L753/676/638
  "rfc2136-use-tls": ["bbb", "provider:rfc2136"], // types.go L761/684/647
  "rfc2136-zone": ["lll", "provider:rfc2136"], // types.go L748/672/634
  "server": ["sss", "ignored"], // types.go L594/530/497
  "service-type-filter": ["lll", "modelled"], // types.go L644/573/540
  "skipper-routegroup-groupversion": ["sss", "source:skipper-routegroup"], // types.go L609/538/505
  "source": ["lll", "modelled"], // types.go L826/765/719
  "target-net-filter": ["lll", "modelled"], // types.go L645/574/541
  "target-template": ["-sl", "modelled"], // types.go L0/740/694
  "tls-ca": ["sss", "provider:webhook"], // types.go L735/659/620
  "tls-client-cert": ["sss", "provider:webhook"], // types.go L736/660/621
  "tls-client-cert-key": ["sss", "provider:webhook"], // types.go L737/661/622
  "traefik-disable-new": ["bbb", "source:traefik-proxy"], // types.go L647/576/543
  "traefik-enable-legacy": ["bbb", "source:traefik-proxy"], // types.go L646/575/542
  "transip-account": ["ss-", "provider:transip"], // types.go L766/689/0
  "transip-keyfile": ["ss-", "provider:transip"], // types.go L767/690/0
  "txt-cache-interval": ["ddd", "ignored"], // types.go L795/718/672
  "txt-encrypt-aes-key": ["sss", "modelled"], // types.go L789/712/666
  "txt-encrypt-enabled": ["bbb", "modelled"], // types.go L788/711/665
  "txt-owner-id": ["sss", "modelled"], // types.go L784/707/661
  "txt-prefix": ["sss", "modelled"], // types.go L785/708/662
  "txt-suffix": ["sss", "modelled"], // types.go L786/709/663
  "txt-wildcard-replacement": ["sss", "modelled"], // types.go L787/710/664
  "unstructured-resource": ["-ll", "source:unstructured"], // types.go L0/578/545
  "webhook-provider-read-timeout": ["ddd", "provider:webhook"], // types.go L809/733/687
  "webhook-provider-url": ["sss", "provider:webhook"], // types.go L808/732/686
  "webhook-provider-write-timeout": ["ddd", "provider:webhook"], // types.go L810/734/688
  "webhook-server": ["bbb", "unmodelled"], // types.go L811/735/689
  "zone-id-filter": ["lll", "modelled"], // types.go L665/587/554
  "zone-name-filter": ["lll", "provider:azure"], // types.go L664/586/553
};

/** Values of the enum flags that matter here, per release (types.go; provider and source in App()). */
export const ENUMS: Record<string, Partial<Record<(typeof RELEASES)[number], string[]>>> = {
  policy: { 20: ["sync", "upsert-only", "create-only"], 21: ["sync", "upsert-only", "create-only"], 22: ["", "sync", "upsert-only", "create-only"] },
  registry: { 20: ["txt", "noop", "dynamodb", "aws-sd"], 21: ["txt", "noop", "dynamodb", "aws-sd"], 22: ["aws-sd", "crd", "dynamodb", "noop", "txt"] },
  "log-format": { 20: ["text", "json"], 21: ["text", "json"], 22: ["text", "json"] },
  // logrus.AllLevels
  "log-level": Object.fromEntries(RELEASES.map((r) => [r, ["panic", "fatal", "error", "warning", "info", "debug", "trace"]])),
  compatibility: Object.fromEntries(RELEASES.map((r) => [r, ["", "mate", "molecule", "kops-dns-controller"]])),
  "cloudflare-custom-hostnames-min-tls-version": Object.fromEntries(RELEASES.map((r) => [r, ["1.0", "1.1", "1.2", "1.3"]])),
  "cloudflare-custom-hostnames-certificate-authority": Object.fromEntries(RELEASES.map((r) => [r, ["google", "ssl_com", "lets_encrypt", "none"]])),
  provider: {
    // v0.20.0 providerNames; v0.21.0 and v0.22.0 ProviderNames
    20: ["akamai", "alibabacloud", "aws", "aws-sd", "azure", "azure-dns", "azure-private-dns", "civo", "cloudflare", "coredns", "digitalocean", "dnsimple", "exoscale", "gandi", "godaddy", "google", "inmemory", "linode", "ns1", "oci", "ovh", "pdns", "pihole", "plural", "rfc2136", "scaleway", "skydns", "transip", "webhook"],
    21: ["akamai", "alibabacloud", "aws", "aws-sd", "azure", "azure-dns", "azure-private-dns", "civo", "cloudflare", "coredns", "dnsimple", "exoscale", "gandi", "godaddy", "google", "inmemory", "linode", "ns1", "oci", "ovh", "pdns", "pihole", "plural", "rfc2136", "scaleway", "skydns", "transip", "webhook"],
    22: ["alibabacloud", "aws", "aws-sd", "azure", "azure-dns", "azure-private-dns", "civo", "cloudflare", "coredns", "dnsimple", "exoscale", "gandi", "godaddy", "google", "inmemory", "linode", "ns1", "oci", "ovh", "pdns", "pihole", "rfc2136", "scaleway", "skydns", "webhook"],
  },
  source: {
    // v0.20.0 App(); v0.21.0 allowedSources; v0.22.0 source/types.All
    20: ["service", "ingress", "node", "pod", "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "istio-gateway", "istio-virtualservice", "cloudfoundry", "contour-httpproxy", "gloo-proxy", "fake", "connector", "crd", "empty", "skipper-routegroup", "openshift-route", "ambassador-host", "kong-tcpingress", "f5-virtualserver", "f5-transportserver", "traefik-proxy"],
    21: ["service", "ingress", "node", "pod", "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "istio-gateway", "istio-virtualservice", "contour-httpproxy", "gloo-proxy", "fake", "connector", "crd", "empty", "skipper-routegroup", "openshift-route", "ambassador-host", "kong-tcpingress", "f5-virtualserver", "f5-transportserver", "traefik-proxy", "unstructured"],
    22: ["node", "service", "ingress", "pod", "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "istio-gateway", "istio-virtualservice", "ambassador-host", "contour-httpproxy", "gloo-proxy", "traefik-proxy", "openshift-route", "fake", "empty", "connector", "crd", "skipper-routegroup", "kong-tcpingress", "f5-virtualserver", "f5-transportserver", "unstructured"],
  },
};
