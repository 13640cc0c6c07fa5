// A fetch that cuts one SSE answer mid-stream, as a proxy closing the
// connection would: it passes the answer through until `afterProgress`
// progress events have gone by, then delivers half of the next event and
// closes. The half event is the message "written at the cut": the client
// never parses it, so only a replay can deliver it.

export interface CuttingFetch {
  fetch: typeof fetch;
  /** True once the cut happened. */
  readonly cut: boolean;
}

export function cuttingFetch(shouldCut: (body: string) => boolean, afterProgress = 2): CuttingFetch {
  let done = false;
  const state = {
    get cut() {
      return done;
    },
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      const body = typeof init?.body === "string" ? init.body : "";
      if (done || init?.method !== "POST" || !shouldCut(body) || !(response.headers.get("content-type") ?? "").includes("text/event-stream")) return response;
      done = true;
      const upstream = response.body!.getReader();
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      let pending = "";
      let progressSeen = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          for (;;) {
            const end = pending.indexOf("\n\n");
            if (end >= 0) {
              const event = pending.slice(0, end + 2);
              pending = pending.slice(end + 2);
              if (progressSeen >= afterProgress && event.includes("data: {")) {
                controller.enqueue(encoder.encode(event.slice(0, Math.floor(event.length / 2))));
                controller.close();
                await upstream.cancel();
                return;
              }
              if (event.includes("notifications/progress")) progressSeen++;
              controller.enqueue(encoder.encode(event));
              return;
            }
            const { value, done: ended } = await upstream.read();
            if (ended) {
              controller.close();
              return;
            }
            pending += decoder.decode(value, { stream: true });
          }
        },
        async cancel() {
          await upstream.cancel();
        },
      });
      return new Response(stream, { status: response.status, headers: response.headers });
    }) as typeof fetch,
  };
  return state;
}
