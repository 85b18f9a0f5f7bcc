/** Shown when the page has neither the Electron preload nor a dev host to talk to (or named a host it may not use). */
export function NoTransport({ refused }: { refused: string | null }) {
  return (
    <main className="center-screen">
      <div className="card narrow">
        <h1>Sotto is not connected</h1>
        {refused ? (
          <p role="alert" data-testid="ws-refused">
            This window refused the engine address in its link. {refused}
          </p>
        ) : (
          <p>This window has no engine to talk to.</p>
        )}
        <p>
          In development, run <code>npm run dev:web</code> and open the link it prints: the link carries the access token.
        </p>
      </div>
    </main>
  );
}
