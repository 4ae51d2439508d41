import { describe, expect, it } from 'vitest';
import { QrUrlBaseSchema } from './content.ts';

describe('QR URL bases in content (issue 12, item 9)', () => {
  it('accepts https anywhere and http only on loopback', () => {
    for (const ok of ['https://platform.example.invalid/order/', 'https://a.example/t/?x=', 'http://127.0.0.1:8080/order/', 'http://localhost/o/', 'http://[::1]:9/o/']) {
      expect(QrUrlBaseSchema.safeParse(ok).success, ok).toBe(true);
    }
  });

  it('refuses javascript:, data:, file:, plain http to the network and other schemes', () => {
    for (const bad of ['javascript:alert(1)//', 'JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd', 'http://platform.example.invalid/order/', 'http://192.168.1.5/o/', 'ftp://x.example/', 'vbscript:x', ' https://x.example/', `https://x.example/${'a'.repeat(600)}`]) {
      expect(QrUrlBaseSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
