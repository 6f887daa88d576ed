import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { expect, test } from "vitest";
import { AuthFailure, TokenVerifier } from "../../local-backend/auth";

const ISSUER = "http://127.0.0.1:3211";

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] };
  const verifier = new TokenVerifier(
    { issuer: ISSUER, applicationID: "convex", algorithm: "RS256", jwks: `${ISSUER}/api/auth/convex/jwks` },
    async (path) => (path === "/api/auth/convex/jwks" ? Response.json(jwks) : new Response(null, { status: 404 })),
  );
  const sign = (claims: Record<string, unknown>, expiresIn: string | number = "15m") =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(ISSUER)
      .setAudience("convex")
      .setSubject("user-1")
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return { verifier, sign };
}

test("a valid token gives the identity a deployment would: subject, issuer, tokenIdentifier, claims", async () => {
  const { verifier, sign } = await setup();
  const { identity } = await verifier.verify(await sign({ email: "a@example.com", name: "A", sessionId: "s1" }));
  expect(identity).toMatchObject({
    subject: "user-1",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user-1`,
    email: "a@example.com",
    name: "A",
    sessionId: "s1",
  });
});

test("expired tokens, other audiences and other issuers are refused", async () => {
  const { verifier, sign } = await setup();
  await expect(verifier.verify(await sign({}, Math.floor(Date.now() / 1000) - 60))).rejects.toThrow(
    new AuthFailure("Token expired"),
  );
  const { sign: signElsewhere } = await setup();
  await expect(verifier.verify(await signElsewhere({}))).rejects.toBeInstanceOf(AuthFailure);
  await expect(verifier.verify("not.a.jwt")).rejects.toBeInstanceOf(AuthFailure);
});
