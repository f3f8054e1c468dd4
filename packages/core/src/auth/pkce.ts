/** PKCE (RFC 7636): code verifiers and S256 challenges, with the platform's Web Crypto (Node 20+ and browsers). */

const UNRESERVED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~';

function webCrypto(): Crypto {
  const crypto = globalThis.crypto;
  if (!crypto?.getRandomValues || !crypto.subtle) throw new Error('Crypto module is missing/not supported.');
  return crypto;
}

/** A random verifier of `nChar` (43 to 128) unreserved characters, drawn without modulo bias. */
export function generatePKCECodeVerifier(nChar: number): string {
  if (!Number.isInteger(nChar) || nChar < 43 || nChar > 128)
    throw new Error('PKCE Code Verifier (length) must be between 43 and 128 characters');
  const crypto = webCrypto();
  const out: string[] = [];
  // 66 characters: accept bytes below 198 (3 × 66) so that every character is equally likely.
  while (out.length < nChar) {
    for (const byte of crypto.getRandomValues(new Uint8Array(nChar * 2))) {
      if (byte < 198 && out.length < nChar) out.push(UNRESERVED[byte % 66]!);
    }
  }
  return out.join('');
}

/** BASE64URL(SHA-256(verifier)), without padding. */
export async function computePKCECodeChallenge(code: string): Promise<string> {
  if (typeof code !== 'string' || code.length < 43 || code.length > 128)
    throw new Error('PKCE Code Verifier (length) must be between 43 and 128 characters');
  const digest = new Uint8Array(await webCrypto().subtle.digest('SHA-256', new TextEncoder().encode(code)));
  return base64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard base64 of bytes, or of a string's UTF-8 bytes (for Basic authorisation). */
export function base64(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
