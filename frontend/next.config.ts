import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Wagtail's paths end in a slash (/blog/post/); so do this site's.
  trailingSlash: true,
  // Images are <img srcset> of the CMS's own renditions; Next's image optimiser is not used.
  images: { unoptimized: true },
  // There is no ESLint setup; `npm run typecheck` is the gate.
  eslint: { ignoreDuringBuilds: true },
  // Metadata (title, meta tags, JSON-LD) is rendered into <head> before the body for every client, never streamed:
  // Next 15.5 streams it to browsers as two pending Suspense boundaries filled by a script that races hydration,
  // and under load React then reports a hydration mismatch (#418) on the page.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
