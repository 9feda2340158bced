import { SITE_NAME } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        {SITE_NAME}: every broken and fixed example on this site runs through the same deadline simulator in CI, and every limit
        cites its official source.
      </p>
    </footer>
  );
}
