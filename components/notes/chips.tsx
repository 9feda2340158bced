import type { NoteVersions } from "@/lib/notes/store";

const LABELS: [keyof NoteVersions, string][] = [
  ["platform", "Platform"],
  ["runtime", "Runtime"],
  ["library", "Library"],
];

/** The versions a note applies to, as chips. */
export function VersionChips({ versions }: { versions: NoteVersions }) {
  const present = LABELS.filter(([key]) => versions[key]);
  if (present.length === 0) return null;
  return (
    <ul className="chips" aria-label="Applies to">
      {present.map(([key, label]) => (
        <li key={key} className="chip">
          <span className="visually-hidden">{label}: </span>
          {versions[key]}
        </li>
      ))}
    </ul>
  );
}
