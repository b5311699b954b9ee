import { mediaUrl, parseSrcSet } from "@/lib/media";

export interface CmsImageData {
  url: string;
  width: number;
  height: number;
  alt: string;
  srcSet: string | null;
}

interface CmsImageProps {
  image: CmsImageData;
  /** The block's alt text when it has one; else the image's own (its description, else its title). */
  alt?: string | null;
  /** The `sizes` attribute: how wide the image is drawn. */
  sizes: string;
  className?: string;
  /** For the largest image above the fold: loaded eagerly and first. */
  priority?: boolean;
}

/**
 * An image from the CMS as a plain <img> with the API's renditions as `srcset`; `width` and
 * `height` reserve its box before it loads. `src` is the rendition nearest 800px (browsers without
 * srcset support, crawlers), else the original.
 */
export function CmsImage({ image, alt, sizes, className, priority = false }: CmsImageProps) {
  const candidates = parseSrcSet(image.srcSet);
  const fallback = candidates.find((candidate) => candidate.width >= 800) ?? candidates.at(-1);
  const srcSet = candidates.map(({ url, width }) => `${url} ${width}w`).join(", ");
  return (
    // eslint-disable-next-line @next/next/no-img-element -- renditions come from the CMS, already sized
    <img
      className={className}
      src={fallback?.url ?? mediaUrl(image.url)}
      srcSet={srcSet || undefined}
      sizes={srcSet ? sizes : undefined}
      width={image.width}
      height={image.height}
      alt={alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : undefined}
      decoding="async"
    />
  );
}

/** `sizes` for the usual places an image is drawn (see globals.css). */
export const IMAGE_SIZES = {
  content: "(min-width: 48rem) 45rem, 100vw",
  hero: "(min-width: 72rem) 70rem, 100vw",
  card: "(min-width: 48rem) 22rem, 100vw",
  gallery: "(min-width: 48rem) 22rem, 50vw",
} as const;
