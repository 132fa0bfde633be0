import {
  safeEqual,
  signWebhookBody,
  verifyWebhookSignature,
  verifyWebhookToken,
} from './webhooks';

// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
const githubVector = {
  secret: "It's a Secret to Everybody",
  body: 'Hello, World!',
  signature:
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

describe('webhook signatures', () => {
  it("signs GitHub's documented test vector", () => {
    expect(signWebhookBody(githubVector.secret, githubVector.body)).toBe(
      githubVector.signature,
    );
    expect(
      signWebhookBody(githubVector.secret, Buffer.from(githubVector.body)),
    ).toBe(githubVector.signature);
  });

  it("verifies GitHub's documented test vector on the raw body", () => {
    expect(
      verifyWebhookSignature({
        secret: githubVector.secret,
        body: Buffer.from(githubVector.body, 'utf8'),
        signature: githubVector.signature,
      }),
    ).toBe(true);
  });

  it('refuses a changed body, another secret, another scheme or no header', () => {
    const base = {
      secret: githubVector.secret,
      body: githubVector.body,
      signature: githubVector.signature,
    };
    expect(verifyWebhookSignature({ ...base, body: 'Hello, World?' })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ ...base, secret: 'another' })).toBe(false);
    expect(
      verifyWebhookSignature({
        ...base,
        signature: base.signature.replace('sha256=', 'sha1='),
      }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        ...base,
        signature: base.signature.toUpperCase(),
      }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        ...base,
        signature: base.signature.slice(0, 20),
      }),
    ).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: '' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: undefined })).toBe(
      false,
    );
  });

  it('never accepts an empty secret, even with a matching signature', () => {
    const signature = signWebhookBody('', 'payload');
    expect(
      verifyWebhookSignature({ secret: '', body: 'payload', signature }),
    ).toBe(false);
  });

  it('compares tokens in constant time, refusing empty and missing ones', () => {
    expect(verifyWebhookToken({ token: 's3cret', given: 's3cret' })).toBe(true);
    expect(verifyWebhookToken({ token: 's3cret', given: 's3cre' })).toBe(false);
    expect(verifyWebhookToken({ token: 's3cret', given: 's3cret!' })).toBe(
      false,
    );
    expect(verifyWebhookToken({ token: 's3cret', given: undefined })).toBe(
      false,
    );
    expect(verifyWebhookToken({ token: '', given: '' })).toBe(false);
  });

  it('safeEqual handles different lengths and buffers', () => {
    expect(safeEqual('a', 'a')).toBe(true);
    expect(safeEqual('a', 'ab')).toBe(false);
    expect(safeEqual(Buffer.from('abc'), 'abc')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
  });
});
