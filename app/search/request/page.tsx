import type { Metadata } from "next";
import Link from "next/link";
import { CopyText } from "@/components/search/copy-text.client";
import { serverEngine } from "@/lib/search/documents.server";
import { searchPageHref } from "@/lib/search/paste";
import { articleRequest } from "@/lib/search/request";
import "@/components/search/search-verdict.css";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export const metadata: Metadata = { title: "Request an article", robots: { index: false } };

// The request is text to copy: this page calls nothing and sends nothing. Whoever asks files it
// themselves, where they choose, with whatever they are happy to share.
export default async function RequestArticlePage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 20_000).trim() ?? "";
  const response = q ? (await serverEngine()).search(q, { limit: 1 }) : null;
  const request = response ? articleRequest(q, response.recognised) : null;
  return (
    <main id="main" className="search-main search-request">
      <h1>Request an article</h1>
      {request ? (
        <>
          <p>
            Copy this into a new issue on the Deadline tracker. Nothing has been sent: remove anything you would rather not share (hostnames, keys, ids) before you post it.
          </p>
          <h2 className="search-verdict-subtitle">Title</h2>
          <p className="search-request-title">
            <code>{request.title}</code>
          </p>
          <label htmlFor="request-body" className="search-verdict-subtitle">
            Text of the issue
          </label>
          <textarea id="request-body" readOnly value={`# ${request.title}\n\n${request.body}`} spellCheck={false} />
          <p className="search-page-actions">
            <CopyText targetId="request-body" label="Copy the request" />
          </p>
          <p>
            <Link href={searchPageHref(q)}>Back to the results</Link>
          </p>
        </>
      ) : (
        <p>
          There is nothing to request yet: <Link href="/search">search for the error first</Link>, then use “Request an article” on the results.
        </p>
      )}
    </main>
  );
}
