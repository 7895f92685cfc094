// The HTTP API of `itsm serve` (docs/serve-api.md), as small async functions.

import { essayUrl } from "./essay.js";

/** An error answered by the server ({error: {code, message}}) or a network failure (code "network"). */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

async function call(method, url, body, headers = {}, signal) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: "no-store",
    });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "network", "サーバーに接続できません（itsm serve が動いているか確かめてください）");
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = data?.error;
    throw new ApiError(res.status, err?.code ?? "http", err?.message ?? `サーバーがエラーを返しました（${res.status}）`, data);
  }
  return { data, status: res.status, headers: res.headers };
}

export const info = async () => (await call("GET", "/api/info")).data;
export const questions = async () => (await call("GET", "/api/questions")).data.questions;
export const parseQuestion = async (text) => (await call("POST", "/api/questions/parse", { text })).data;
export const essays = async () => (await call("GET", "/api/essays")).data.essays;
export const openEssay = async (path) => (await call("GET", essayUrl(path))).data;

/** Save: `etag` null creates the file (If-None-Match: *). Returns {path, etag, bytes}. */
export async function saveEssay(path, text, etag) {
  const headers = etag ? { "If-Match": etag } : { "If-None-Match": "*" };
  return (await call("PUT", essayUrl(path), { text }, headers)).data;
}

/** POST /api/check; returns {lint, score, count} and the server time (ms) if reported. */
export async function check(req, signal) {
  const { data, headers } = await call("POST", "/api/check", req, {}, signal);
  const timing = /dur=([\d.]+)/.exec(headers.get("Server-Timing") ?? "");
  return { ...data, serverMs: timing ? Number(timing[1]) : null };
}

export const genkou = async (req, signal) => (await call("POST", "/api/genkou", req, {}, signal)).data;
