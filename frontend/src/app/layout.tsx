import "./globals.css";

import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import { ContactDetails } from "@/components/LabContact";
import { SearchBox } from "@/components/SearchBox";
import { SiteNav } from "@/components/SiteNav";
import { cmsPublicOrigin } from "@/lib/config";
import { getSiteInfo } from "@/lib/site";

// The CMS serves the feeds and the sitemap (feeds/urls.py); the icon is app/icon.svg.
const FEEDS = [
  { path: "/feeds/blog/rss/", label: "Blog RSS" },
  { path: "/feeds/news/rss/", label: "News RSS" },
  { path: "/sitemap.xml", label: "Sitemap" },
] as const;

// Every route reads the CMS at request time (responses are cached by fetchGraphQL for
// CMS_REVALIDATE_SECONDS), so `next build` never needs the CMS to be running.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteInfo();
  return {
    title: { template: `%s · ${site.name}`, default: site.name },
    description: site.tagline ?? undefined,
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const site = await getSiteInfo();
  return (
    // data-scroll-behavior: globals.css scrolls smoothly, and Next turns that off during route changes only when told
    // (without it the development server warns on every client-side navigation).
    <html lang="en" data-scroll-behavior="smooth">
      <head>
        {/* In the layout's <head>, not in metadata.alternates, which a page's own `alternates` (its canonical URL) replaces. */}
        <link rel="alternate" type="application/rss+xml" href={`${cmsPublicOrigin()}/feeds/blog/rss/`} title={`${site.name}: blog`} />
        <link rel="alternate" type="application/rss+xml" href={`${cmsPublicOrigin()}/feeds/news/rss/`} title={`${site.name}: news`} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header-inner">
            <Link href="/" className="site-name">
              {site.name}
            </Link>
            <SiteNav />
            <SearchBox />
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container site-footer-inner">
            <p>
              © {new Date().getFullYear()} {site.name}
            </p>
            {site.settings ? <ContactDetails settings={site.settings} className="footer-contact" /> : null}
            <ul className="inline-links footer-feeds" aria-label="Feeds">
              {FEEDS.map((feed) => (
                <li key={feed.path}>
                  <a href={`${cmsPublicOrigin()}${feed.path}`}>{feed.label}</a>
                </li>
              ))}
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
