"use client";

import { useEffect } from "react";

/**
 * Keeps the reader's place in the admin's live preview. The admin reloads the preview 500 ms after the form last
 * changed, so whenever the editor pauses typing (every 1.5 to 3 s when typing word by word; measured by the CMS's
 * tests/e2e/test_view_live_math_scroll.py), each time with a new token: the page is a new document, which the
 * browser would start at the top. This remembers the scroll position per draft (`draftKey`,
 * the same for every token of one page) in the tab's sessionStorage and returns to it when the next copy loads.
 */
export function KeepScrollPosition({ draftKey }: { draftKey: string }) {
  useEffect(() => {
    const key = `labcms:preview-scroll:${draftKey}`;
    const saved = Number(readStorage(key));
    if (saved > 0) window.scrollTo({ top: saved, behavior: "instant" });
    let frame = 0;
    const remember = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => writeStorage(key, String(Math.round(window.scrollY))));
    };
    window.addEventListener("scroll", remember, { passive: true });
    return () => {
      window.removeEventListener("scroll", remember);
      cancelAnimationFrame(frame);
    };
  }, [draftKey]);
  return null;
}

// Storage can be refused (a browser's privacy setting); the preview then simply starts at the top.
function readStorage(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string) {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // ignored, as above
  }
}
