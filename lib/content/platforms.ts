// Display names for the platforms articles are filed under. An article's `platform` must be one of
// these ids, so a typo fails the build instead of inventing a new group on the home page.
export const ARTICLE_PLATFORMS = {
  runpod: "RunPod",
  "aws-lambda": "AWS Lambda",
  "aws-api-gateway": "Amazon API Gateway",
  vercel: "Vercel",
  netlify: "Netlify",
  "cloudflare-workers": "Cloudflare Workers",
  cloudflare: "Cloudflare",
  "gcp-functions": "Google Cloud Functions",
  "gcp-cloud-run": "Google Cloud Run",
  "azure-functions": "Azure Functions",
  supabase: "Supabase Edge Functions",
  "deno-deploy": "Deno Deploy",
  "slack-deno": "Slack (Deno SDK)",
  modal: "Modal",
  replicate: "Replicate",
  heroku: "Heroku",
  gunicorn: "Gunicorn",
  "uvicorn-fastapi": "Uvicorn & FastAPI",
  celery: "Celery",
  nginx: "nginx",
  sqlalchemy: "SQLAlchemy",
  python: "Python",
  node: "Node.js",
  jest: "Jest",
  mocha: "Mocha",
  playwright: "Playwright",
} as const;

export type ArticlePlatform = keyof typeof ARTICLE_PLATFORMS;

export const ARTICLE_PLATFORM_IDS = Object.keys(ARTICLE_PLATFORMS) as [ArticlePlatform, ...ArticlePlatform[]];

export function platformName(id: ArticlePlatform): string {
  return ARTICLE_PLATFORMS[id];
}
