"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

export type TocItem = { id: string; label: ReactNode; children?: TocItem[] };

function flatten(items: TocItem[]): string[] {
  return items.flatMap((item) => [item.id, ...flatten(item.children ?? [])]);
}

/**
 * The table of contents' links, with the section being read marked `aria-current="location"`.
 * Sections are watched with an IntersectionObserver over a thin band below the sticky header: the
 * innermost section on it is the one being read (a cause rather than "Causes and fixes").
 * Following a link (mouse or keyboard) marks its target at once and holds it while the page
 * scrolls there. Without JavaScript the links work and nothing is marked.
 */
export function TocLinks({ items, className }: { items: TocItem[]; className?: string }) {
  const [active, setActive] = useState<string | null>(null);
  const held = useRef<string | null>(null);

  const follow = useRef<(id: string) => void>(() => {});

  useEffect(() => {
    const ids = flatten(items);
    const sections = ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null);
    if (sections.length === 0) return;
    const crossing = new Set<HTMLElement>();
    const atBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;

    const pick = () => {
      if (held.current) return;
      // At the very bottom the last sections may be too short ever to reach the band.
      const last = sections[sections.length - 1]!;
      if (atBottom() && last.getBoundingClientRect().top < window.innerHeight) return setActive(last.id);
      // The innermost (latest in document order) section on the line: a cause inside "Causes".
      // Between two causes none is; the last one marked stays.
      const inView = sections.filter((s) => crossing.has(s));
      const current = inView[inView.length - 1];
      if (current) setActive(current.id);
    };

    // The reading line: a thin band just under where an anchor puts a heading (scroll-padding-top
    // in globals.css), so the section a link leads to is the one marked once the page is there.
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      observer?.disconnect();
      crossing.clear();
      const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      const bottom = Math.max(0, window.innerHeight - top - 40);
      observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const el = entry.target as HTMLElement;
            if (entry.isIntersecting) crossing.add(el);
            else crossing.delete(el);
          }
          pick();
        },
        { rootMargin: `-${Math.round(top + 8)}px 0px -${Math.round(bottom)}px 0px` },
      );
      for (const s of sections) observer.observe(s);
    };
    observe();
    let resized: number | undefined;
    const onResize = () => {
      window.clearTimeout(resized);
      resized = window.setTimeout(observe, 200);
    };

    let release: number | undefined;
    const letGo = () => {
      window.clearTimeout(release);
      window.removeEventListener("scrollend", letGo);
      held.current = null;
    };
    // Marks the section a link leads to (innermost one holding the target: `#cause-2` is an
    // alias inside its cause) and keeps it marked while the page scrolls there.
    follow.current = (id: string) => {
      const target = id ? document.getElementById(id) : null;
      const section = target ? sections.filter((s) => s.contains(target)).pop() : undefined;
      if (!section) return;
      held.current = section.id;
      setActive(section.id);
      window.clearTimeout(release);
      window.addEventListener("scrollend", letGo, { once: true });
      // No scrollend comes when the target is already in place, or in a browser without the
      // event: let go after a moment either way.
      release = window.setTimeout(letGo, 1200);
    };
    const fromHash = () => follow.current(decodeURIComponent(window.location.hash.slice(1)));
    const onScroll = () => {
      if (!held.current && atBottom()) pick();
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onResize);
    return () => {
      observer?.disconnect();
      window.clearTimeout(resized);
      window.removeEventListener("resize", onResize);
      window.clearTimeout(release);
      window.removeEventListener("scrollend", letGo);
      window.removeEventListener("hashchange", fromHash);
      window.removeEventListener("scroll", onScroll);
    };
  }, [items]);

  const render = (list: TocItem[], nested: boolean) => (
    <ol className={nested ? "toc-causes" : className}>
      {list.map((item) => {
        const current = item.id === active;
        const holds = !current && (item.children ?? []).some((c) => c.id === active);
        return (
          <li key={item.id} data-active={current ? "" : holds ? "within" : undefined}>
            <a href={`#${item.id}`} aria-current={current ? "location" : undefined} onClick={() => follow.current(item.id)}>
              {item.label}
            </a>
            {item.children ? render(item.children, true) : null}
          </li>
        );
      })}
    </ol>
  );
  return render(items, false);
}
