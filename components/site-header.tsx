import Link from "next/link";
import { SITE_NAME } from "@/lib/site";
import { SearchBox } from "./search/search-box.client";
import { ThemeToggle } from "./theme-toggle.client";

export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {/* Shown only on pages with an editor (components/runner/editor.css). */}
      <a className="skip-link skip-to-editor" href="#simulator">
        Skip to the editor
      </a>
      <div className="site-header-inner">
        <Link href="/" className="brand" aria-label={`${SITE_NAME} home`}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="brand-mark">
            <circle cx="12" cy="13" r="8.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12 13V8.5M12 13l3.2 2" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            <path d="M9.5 2.5h5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <span>{SITE_NAME}</span>
        </Link>
        <nav aria-label="Main" className="site-nav">
          <Link href="/#articles">Articles</Link>
        </nav>
        <SearchBox variant="header" shortcuts />
        <ThemeToggle />
      </div>
    </header>
  );
}
