import { highlightSegments } from "@/lib/search/highlight";

/** Text with the words the paste matched wrapped in <mark>. */
export function Highlighted({ text, matched, prefix }: { text: string; matched: readonly string[]; prefix?: string | null | undefined }) {
  return (
    <>
      {highlightSegments(text, matched, prefix).map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}
