import type { GalleryBlockFieldsFragment } from "@/gql/graphql";

import { CmsImage, IMAGE_SIZES } from "../CmsImage";

export function GalleryBlock({ block }: { block: GalleryBlockFieldsFragment }) {
  return (
    <figure className="block-gallery">
      <ul>
        {block.images.map((item, index) => (
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
