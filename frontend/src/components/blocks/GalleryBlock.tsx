import type { GalleryBlockFieldsFragment } from "@/gql/graphql";

import { CmsImage, IMAGE_SIZES } from "../CmsImage";

// Images the API gives as null (deleted, or in a private collection) are left out of the gallery.
export function GalleryBlock({ block }: { block: GalleryBlockFieldsFragment }) {
  const items = block.images.flatMap((item) => (item.image ? [{ ...item, image: item.image }] : []));
  if (items.length === 0) {
    return null;
  }
  return (
    <figure className="block-gallery">
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            <figure>
              <CmsImage image={item.image} alt={item.altText || item.image.alt} sizes={IMAGE_SIZES.gallery} />
              {item.caption ? <figcaption>{item.caption}</figcaption> : null}
            </figure>
          </li>
        ))}
      </ul>
      {block.caption ? <figcaption>{block.caption}</figcaption> : null}
    </figure>
  );
}
