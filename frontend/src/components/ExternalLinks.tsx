/** External links (a news item's Paper, Code ...; a talk's Video, Slides ...) as a row of plain links. */
export function ExternalLinks({ links }: { links: readonly { label: string; url: string }[] }) {
  if (!links.length) return null;
  return (
    <ul className="inline-links" aria-label="Links">
      {links.map((link) => (
        <li key={link.url}>
          <a href={link.url} rel="noopener">
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
