import type { MediaEmbedBlockFieldsFragment } from "@/gql/graphql";

interface Player {
  src: string;
  name: string;
}

/**
 * An embeddable player for YouTube and Vimeo only, built from the video's id (never from markup
 * the CMS stores); any other URL stays a link.
 */
export function playerFor(url: string): Player | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  const host = parsed.hostname.replace(/^(www\.|m\.)/, "");
  const segments = parsed.pathname.split("/").filter(Boolean);

  let youtubeId: string | null | undefined;
  if (host === "youtu.be") youtubeId = segments[0];
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (segments[0] === "watch") youtubeId = parsed.searchParams.get("v");
    else if (segments[0] && ["embed", "shorts", "live", "v"].includes(segments[0])) youtubeId = segments[1];
  }
  if (youtubeId && /^[\w-]{11}$/.test(youtubeId)) {
    return { src: `https://www.youtube-nocookie.com/embed/${youtubeId}`, name: "YouTube" };
  }

  let vimeoId: string | undefined;
  if (host === "vimeo.com") vimeoId = segments.find((segment) => /^\d+$/.test(segment));
  else if (host === "player.vimeo.com" && segments[0] === "video") vimeoId = segments[1];
  if (vimeoId && /^\d{1,12}$/.test(vimeoId)) {
    return { src: `https://player.vimeo.com/video/${vimeoId}?dnt=1`, name: "Vimeo" };
  }
  return null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

export function MediaEmbedBlock({ block }: { block: MediaEmbedBlockFieldsFragment }) {
  const player = playerFor(block.url);
  const title = block.caption || (player ? `${player.name} video` : "Embedded media");
  return (
    <figure className="block-embed">
      {player ? (
        <div className="embed-frame">
          <iframe
            src={player.src}
            title={title}
            loading="lazy"
            allow="accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
          />
        </div>
      ) : null}
      <figcaption>
        <a className="link-card" href={block.url} rel="noopener">
          <span className="link-card-provider">{player?.name ?? block.provider ?? hostOf(block.url)}</span>
          <span className="link-card-title">{block.caption || block.url}</span>
        </a>
      </figcaption>
    </figure>
  );
}
