import * as React from "react";
import * as jsxRuntime from "react/jsx-runtime";
import type { MDXComponents } from "mdx/types";

type MdxContent = (props: { components?: MDXComponents }) => React.ReactNode;

const compiled = new Map<string, MdxContent>();

function evaluate(code: string): MdxContent {
  let content = compiled.get(code);
  if (!content) {
    // THIS IS A BUILD-TIME EVAL OF OUR OWN ARTICLES, compiled by mdx-bundler from content/ in this
    // repository. NEVER DO THIS WITH UNTRUSTED MDX. It runs on the server while pages are
    // statically generated; no article code is evaluated in the browser.
    const run = new Function("React", "ReactDOM", "_jsx_runtime", code) as (...scope: unknown[]) => { default: MdxContent };
    content = run(React, {}, jsxRuntime).default;
    compiled.set(code, content);
  }
  return content;
}

export function ArticleBody({ code, components }: { code: string; components: MDXComponents }) {
  const Content = evaluate(code);
  return <Content components={components} />;
}
