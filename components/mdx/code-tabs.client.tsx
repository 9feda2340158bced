"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export type CodeTab = { id: string; label: ReactNode; panel: ReactNode };

type Props = {
  /** prefix of every id, unique on the page */
  idBase: string;
  /** what the group of tabs is, for assistive technology */
  label: string;
  tabs: CodeTab[];
};

/**
 * One view at a time of several code panels. The server markup is a radio group, so choosing a
 * view works without JavaScript (CSS shows the panel whose radio is checked, see globals.css
 * "code tabs"); once hydrated the radios become ARIA tabs with the keyboard model of the APG tabs
 * pattern: arrows move between tabs and select them, Home and End go to the first and last.
 */
export function CodeTabs({ idBase, label, tabs }: Props) {
  const [enhanced, setEnhanced] = useState(false);
  const [selected, setSelected] = useState(tabs[0]?.id ?? "");
  const root = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    // Keep what a reader chose before hydration (a click on a label checks its radio).
    const checked = root.current?.querySelector<HTMLInputElement>("input[type=radio]:checked");
    if (checked && tabs.some((t) => t.id === checked.value)) setSelected(checked.value);
    setEnhanced(true);
    // Runs once, on hydration: the tabs are static content from the server.
  }, []);

  const select = (id: string, focus: boolean) => {
    setSelected(id);
    if (focus) buttons.current.get(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (next) select(next.id, true);
  };

  const tabId = (id: string) => `${idBase}-tab-${id}`;
  const panelId = (id: string) => `${idBase}-panel-${id}`;

  return (
    <div className="code-tabs" ref={root} data-enhanced={enhanced ? "" : undefined}>
      {enhanced ? (
        <div className="code-tab-list" role="tablist" aria-label={label}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) buttons.current.set(tab.id, el);
                else buttons.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              className={`code-tab code-tab-${tab.id}`}
              aria-selected={tab.id === selected}
              aria-controls={panelId(tab.id)}
              tabIndex={tab.id === selected ? 0 : -1}
              onClick={() => select(tab.id, false)}
              onKeyDown={onKeyDown}
            >
              {tab.label}
            </button>
          ))}
        </div>
      ) : (
        <div className="code-tab-list" role="radiogroup" aria-label={label}>
          {tabs.map((tab, i) => (
            <span key={tab.id} className="code-tab-choice">
              <input type="radio" className="code-tab-radio" name={`${idBase}-view`} id={`${idBase}-view-${tab.id}`} value={tab.id} defaultChecked={i === 0} />
              <label htmlFor={`${idBase}-view-${tab.id}`} className={`code-tab code-tab-${tab.id}`}>
                {tab.label}
              </label>
            </span>
          ))}
        </div>
      )}
      {tabs.map((tab) => (
        <div
          key={tab.id}
          className="code-tab-panel"
          data-tab={tab.id}
          id={panelId(tab.id)}
          role={enhanced ? "tabpanel" : undefined}
          aria-labelledby={enhanced ? tabId(tab.id) : undefined}
          hidden={enhanced ? tab.id !== selected : undefined}
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
