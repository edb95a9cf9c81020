// A relying service built on npm `openid-client` (panva, OpenID Certified), driven by
// tests/relying_peer.rs: it discovers our provider, authenticates with private_key_jwt
// (an ES256 key of its own, published at its jwks_uri, which the test registers), signs a citizen in with the code
// flow and PKCE, reads userinfo, logs out through the end_session_endpoint, and takes
// back-channel logout tokens at its own URI, checking them as Back-Channel Logout 1.0 §2.6
// says (with `jose`, which openid-client is built on).
//
// usage: node rp.mjs <issuer> <client id>
// Talks in JSON lines: it prints {"step": …, …} and reads one line back where a browser
// (the test's) has to act.

import * as client from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { webcrypto } from "node:crypto";

const [issuer, clientId] = process.argv.slice(2);
const say = (step, fields = {}) => process.stdout.write(JSON.stringify({ step, ...fields }) + "\n");
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const hear = async () => (await lines.next()).value;
const seenJti = new Set();

async function main() {
  // Its key for private_key_jwt, and its back-channel logout URI.
  const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const jwk = { ...(await webcrypto.subtle.exportKey("jwk", keys.publicKey)), kid: "rp-1", use: "sig", alg: "ES256" };
  delete jwk.key_ops;
  delete jwk.ext;
  const backchannel = createServer();
  await new Promise((ok) => backchannel.listen(0, "127.0.0.1", ok));
  const here = `http://127.0.0.1:${backchannel.address().port}`;
  say("register", { jwks_uri: `${here}/jwks.json`, backchannel_logout_uri: `${here}/backchannel-logout` });
  await hear(); // registered by the test (pz-rp's store)

  const config = await client.discovery(
    new URL(issuer),
    clientId,
    { token_endpoint_auth_method: "private_key_jwt", id_token_signed_response_alg: "RS256" },
    client.PrivateKeyJwt({ key: keys.privateKey, kid: "rp-1" }),
    { execute: [client.allowInsecureRequests] },
  );
  const meta = config.serverMetadata();
  say("discovered", {
    end_session_endpoint: meta.end_session_endpoint,
    backchannel_logout_supported: meta.backchannel_logout_supported,
    token_endpoint_auth_methods_supported: meta.token_endpoint_auth_methods_supported,
    acr_values_supported: meta.acr_values_supported,
  });

  // The back-channel: each token checked, then reported to the test.
  const jwks = createRemoteJWKSet(new URL(meta.jwks_uri));
  backchannel.on("request", (req, res) => {
    if (req.method === "GET" && req.url === "/jwks.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", async () => {
      try {
        const token = new URLSearchParams(body).get("logout_token");
        const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: meta.issuer, audience: clientId, algorithms: ["RS256"], typ: "logout+jwt" });
        const event = payload.events?.["http://schemas.openid.net/event/backchannel-logout"];
        if (typeof event !== "object" || "nonce" in payload || !(payload.sub || payload.sid) || !payload.jti || seenJti.has(payload.jti)) {
          throw new Error("not a logout token (§2.6)");
        }
        seenJti.add(payload.jti);
        res.writeHead(200).end();
        say("backchannel", { claims: payload, typ: protectedHeader.typ });
      } catch (e) {
        res.writeHead(400).end();
        say("backchannel_refused", { error: String(e) });
      }
    });
  });

  // Sign-in: code flow with PKCE, state and nonce; the browser is the test's.
  const redirect_uri = `${issuer}/rp-peer/callback`;
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri, scope: "openid profile email", state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
    acr_values: "http://eidas.europa.eu/LoA/substantial",
  });
  say("authorize", { url: url.href });
  const callback = await hear();
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce,
  }, { redirect_uri });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  say("signed_in", { claims, userinfo });

  // A second assertion (new jti) works; the library makes one per request.
  // Logout through the end_session_endpoint, back to our URI with our state.
  const logoutState = client.randomState();
  const endSession = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token, post_logout_redirect_uri: `${issuer}/rp-peer/logged-out`, state: logoutState,
  });
  say("logout", { url: endSession.href });
  const back = new URL(await hear());
  say("logged_out", { state_matches: back.searchParams.get("state") === logoutState, path: back.pathname });
  await hear(); // the test is done
  backchannel.close();
}

main().catch((e) => { say("error", { error: String(e && e.stack || e) }); process.exit(1); });
