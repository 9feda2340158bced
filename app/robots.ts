import type { MetadataRoute } from "next";
import { SITE_URL } from "@/lib/site";

export default function robots(): MetadataRoute.Robots {
  return {
    // The search API answers per request; the twins' internal path is reached as /errors/<slug>.md.
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/errors-twin/"] },
    sitemap: `${SITE_URL}/sitemap.xml`,
  };
}
