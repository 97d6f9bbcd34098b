export function Card({
  title,
  subtitle,
  actions,
  children,
  id,
  className = "",
  testId,
  highlight = false,
  accent,
}: {
  title?: React.ReactNode;
  subtitle?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  id?: string;
  className?: string;
  testId?: string;
  highlight?: boolean;
  /** A coloured border for outcome cards (applied / failed). */
  accent?: "green" | "red";
}) {
  return (
    <section
      id={id}
      data-testid={testId}
      className={`rounded-lg border bg-white shadow-sm dark:bg-slate-900 ${
        highlight
          ? "border-sky-500 ring-2 ring-sky-500/40"
          : accent === "green"
            ? "border-emerald-400 dark:border-emerald-700"
            : accent === "red"
              ? "border-red-400 dark:border-red-700"
              : "border-slate-200 dark:border-slate-800"
      } ${className}`}
    >
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
          <div className="min-w-0">
            {title && <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>}
            {subtitle && <div className="text-xs text-slate-600 dark:text-slate-400">{subtitle}</div>}
          </div>
          {actions && <div className="flex items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className="px-4 py-3">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">{title}</h1>
        {description && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

/** A definition list for configuration and object facts. */
export function Facts({ items }: { items: [React.ReactNode, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {items.map(([k, v], i) => (
        <div key={i} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
          <dd className="min-w-0 break-words text-slate-900 dark:text-slate-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
