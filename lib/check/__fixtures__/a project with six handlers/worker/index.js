export default {
  async fetch(request, env) {
    if (!env.DB) throw new Error("the DB binding is not configured");
    return new Response("ok");
  },
};
