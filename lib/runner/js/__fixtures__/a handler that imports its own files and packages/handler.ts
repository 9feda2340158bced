import { query } from "./lib/db.js";
import { shout, VERSION } from "./lib";
import config from "./config.json";
import greet, { farewell } from "greeting";
import { extra } from "greeting/extra";
import axios from "axios";
import ms from "ms";
import { v4 as uuid } from "uuid";
const counter = require("legacy-counter");

type Reply = { statusCode: number; body: string };

export const handler = async (): Promise<Reply> => {
  const rows = await query("select 1");
  const reply = await axios.get("https://api.example.com/ping");
  counter.increment();
  return {
    statusCode: 200,
    body: JSON.stringify({
      rows,
      greeting: shout(greet(config.name)),
      farewell: farewell(),
      extra: extra(),
      version: VERSION,
      count: counter.value(),
      axios: reply.status,
      wait: ms("2 minutes"),
      id: uuid().length,
    }),
  };
};
