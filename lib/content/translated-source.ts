// AWS serves machine translations of its documentation, blog and re:Post under a language segment
// (docs.aws.amazon.com/ja_jp/..., aws.amazon.com/de/..., repost.aws/ko/...), each page saying the
// English version prevails where they differ. A citation must point at that English original, so
// a translated copy fails the build with the address to cite instead.

/** docs.aws.amazon.com/<ll_cc>/…: every locale copy, English ones included (en_us, gb_gb). */
const DOCS_LOCALE = /^[a-z]{2}_[a-z]{2}$/;
/** aws.amazon.com/<lang>/… and repost.aws/<lang>/…: the site's language segments. */
const SITE_LANGUAGE = /^(?:ar|cn|de|es|fr|id|it|jp|ja|ko|kr|pt|ru|th|tr|tw|vi|zh|zh-hans|zh-hant|zh-cn|zh-tw)$/i;

const HOSTS: Record<string, RegExp> = {
  "docs.aws.amazon.com": DOCS_LOCALE,
  "aws.amazon.com": SITE_LANGUAGE,
  "repost.aws": SITE_LANGUAGE,
};

/**
 * The English original of a translated AWS page, or null when the URL is not a translated copy.
 * The original is the same path without the language segment.
 */
export function englishOriginal(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.replace(/^www\./, "");
  const language = HOSTS[host];
  if (!language) return null;
  const [, first, ...rest] = parsed.pathname.split("/");
  if (!first || !language.test(first) || rest.length === 0) return null;
  parsed.pathname = `/${rest.join("/")}`;
  return parsed.toString();
}

/** The sentence a content error gives for a translated citation. */
export function translatedSourceReason(url: string, english: string): string {
  return `${url} is a translated copy of an AWS page; cite the English original instead: ${english}`;
}
