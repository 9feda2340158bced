// openapi.json: the site's JSON endpoints, with the article schemas generated from the same zod
// schemas the generators are checked against (lib/content/twins/json.ts), so they cannot drift.
import { z } from "zod";
import { articleIndexSchema, articleJsonSchema } from "../content/twins/json";
import { DEFAULT_LIMIT, MAX_BODY_BYTES, MAX_LIMIT, MAX_QUERY_CHARS } from "../search/api";
import { SITE_NAME, SITE_TAGLINE } from "../site";

const schema = (s: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return rest;
};

const slug = { name: "slug", in: "path", required: true, description: "the article's slug, e.g. runpod-handler-timeout", schema: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" } };
const error = { description: "bad parameters", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const limit = { name: "limit", in: "query", required: false, description: `results to return, 1 to ${MAX_LIMIT}`, schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } };
const results = { description: "the best-matching articles, best first", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/SearchResult" } } } } };

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: { title: `${SITE_NAME} API`, version: "1", description: `${SITE_TAGLINE} Every article is also served as Markdown and JSON, built with the site.` },
    servers: [{ url: origin }],
    paths: {
      "/errors.json": {
        get: { summary: "Every article, with its links and causes", operationId: "listArticles", responses: { "200": { description: "the article index", content: { "application/json": { schema: { $ref: "#/components/schemas/ArticleIndex" } } } } } },
      },
      "/errors/{slug}.json": {
        get: {
          summary: "One article as data: error, signatures, platform, limits, causes with ids and fixes, the code pair, versions, sources",
          operationId: "getArticle",
          parameters: [slug],
          responses: {
            "200": { description: "the article", content: { "application/json": { schema: { $ref: "#/components/schemas/Article" } } } },
            "308": { description: "a former slug: Location is the article's JSON" },
            "404": { description: "no such article" },
          },
        },
      },
      "/errors/{slug}.md": {
        get: {
          summary: "One article as Markdown, code included (also served for the article URL with Accept: text/markdown)",
          operationId: "getArticleMarkdown",
          parameters: [slug],
          responses: { "200": { description: "the article", content: { "text/markdown": { schema: { type: "string" } } } }, "308": { description: "a former slug" }, "404": { description: "no such article" } },
        },
      },
      "/api/search": {
        get: {
          summary: "Search articles with the text your logs printed",
          operationId: "search",
          parameters: [{ name: "q", in: "query", required: true, description: `the error text, up to ${MAX_QUERY_CHARS} characters (POST longer pastes)`, schema: { type: "string", maxLength: MAX_QUERY_CHARS } }, limit],
          responses: { "200": results, "400": error, "413": error },
        },
        post: {
          summary: "Search articles with a whole pasted log or traceback",
          operationId: "searchPaste",
          parameters: [limit],
          requestBody: { required: true, description: `the raw pasted text, up to ${MAX_BODY_BYTES} bytes`, content: { "text/plain": { schema: { type: "string" } } } },
          responses: { "200": results, "400": error, "413": error },
        },
      },
      "/badge/{slug}.svg": {
        get: { summary: "A README badge: deadline | verified YYYY-MM", operationId: "getBadge", parameters: [slug], responses: { "200": { description: "the badge", content: { "image/svg+xml": { schema: { type: "string" } } } } } },
      },
    },
    components: {
      schemas: {
        Article: schema(articleJsonSchema),
        ArticleIndex: schema(articleIndexSchema),
        SearchResult: {
          type: "object",
          required: ["slug", "title", "url", "platform", "score"],
          properties: {
            slug: { type: "string" },
            title: { type: "string" },
            url: { type: "string", description: "the article's path, with #cause-id when one cause matches best" },
            platform: { type: "string" },
            score: { type: "number" },
            section: { type: "string", description: "the section or cause that matched best" },
          },
        },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
      },
    },
  };
}
