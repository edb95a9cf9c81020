// A bank for the relying-party tests: npm `oidc-provider` (panva; OpenID Certified) on
// loopback, with one registered client (the product) and test accounts whose claims are
// given_name, family_name and pesel. It prints "ready <issuer>" once listening.
//
//   node bank.mjs <port> <redirect_uri> <client_secret>
//
// Defaults of the library are kept where a real bank would keep them: PKCE required, the
// code flow only, RS256 ID tokens, and the profile's claims at userinfo rather than in the
// ID token (conformIdTokenClaims), so the relying party's userinfo path runs too.
import Provider from "oidc-provider";

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

// Test accounts: the login typed on the provider's page is the account id.
const ACCOUNTS = {
  "jan.kowalski": { given_name: "Jan", family_name: "Kowalski", pesel: "80010112340" },
  "zly.pesel": { given_name: "Jan", family_name: "Kowalski", pesel: "80010112341" },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: "profil-zaufany",
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  scopes: ["openid", "profile", "pesel"],
  claims: { openid: ["sub"], profile: ["given_name", "family_name"], pesel: ["pesel"] },
  pkce: { required: () => true },
  findAccount: async (ctx, id) => ACCOUNTS[id] && {
    accountId: id,
    claims: async () => ({ sub: id, ...ACCOUNTS[id] }),
  },
  cookies: { keys: ["pz-test-only-cookie-key"] },
});
provider.proxy = false;

const server = provider.listen(Number(port), "127.0.0.1", () => console.log(`ready ${issuer}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
