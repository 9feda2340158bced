import type { Recognised } from "@/lib/search/engine";

/** What the analyser found in a paste: formats, exception types, codes. Shown when nothing matches well. */
export function RecognisedList({ recognised }: { recognised: Recognised }) {
  const items: [string, string[]][] = [
    ["Format", recognised.formats],
    ["Exception", recognised.exceptions],
    ["Code", recognised.codes],
    ["Message", recognised.messages.slice(0, 3)],
  ];
  const shown = items.filter(([, values]) => values.length > 0);
  if (shown.length === 0) return <p className="search-recognised-none">Nothing in it looked like an exception, an error code or an error message.</p>;
  return (
    <dl className="search-recognised">
      {shown.map(([label, values]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {values.map((v) => (
              <code key={v}>{v.length > 120 ? `${v.slice(0, 120)}…` : v}</code>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
