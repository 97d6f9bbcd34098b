export default function Home() {
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">dnsdrift</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Who owns each DNS record, and where DNS has drifted. The dashboard is under construction; use
        <code className="mx-1 rounded bg-slate-200 px-1 dark:bg-slate-800">npx dnsdrift plan</code>meanwhile.
      </p>
    </main>
  );
}
