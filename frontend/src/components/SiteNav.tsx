"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Home" },
  { href: "/research/", label: "Research" },
  { href: "/projects/", label: "Projects" },
  { href: "/publications/", label: "Publications" },
  { href: "/team/", label: "Team" },
  { href: "/talks/", label: "Talks" },
  { href: "/teaching/", label: "Teaching" },
  { href: "/blog/", label: "Blog" },
  { href: "/news/", label: "News" },
] as const;

/** The main navigation; the section you are in is marked for assistive technology and styled. */
export function SiteNav() {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main">
      <ul className="site-nav">
        {LINKS.map(({ href, label }) => {
          const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? (pathname === href ? "page" : "true") : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
