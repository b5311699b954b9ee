"use client";

// Shown when a page cannot be rendered, e.g. the CMS is unreachable or refused a query. The
// details stay in the server log (Next passes only a digest to the browser in production).

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page" role="alert">
      <h1>This page could not be loaded</h1>
      <p>The content service did not answer as expected. Please try again in a moment.</p>
      {error.digest ? <p className="meta">Reference: {error.digest}</p> : null}
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </div>
  );
}
