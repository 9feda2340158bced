// Waits for a local model server to report READY, as cog-based workers do, then answers.
export const handler = async () => {
  for (;;) {
    const res = await fetch("http://127.0.0.1:5000/health-check");
    const body = await res.json();
    if (body.status === "READY") return { ready: true };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
};
