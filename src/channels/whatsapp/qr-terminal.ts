import qrcode from 'qrcode-terminal';

/** Draws a WhatsApp link QR code in a terminal, with what to do with it. */
export function printQrCode(qr: string, out: NodeJS.WritableStream): void {
  qrcode.generate(qr, { small: true }, (drawing) => {
    out.write(
      '\nLink Kozé to its WhatsApp number: on that phone, open WhatsApp → Settings → Linked devices → ' +
        'Link a device, and scan this code (it changes every 20 seconds or so):\n\n' +
        `${drawing}\n`,
    );
  });
}
