// whatsapp-web.js depends on puppeteer, whose browser download cannot work offline:
// Kozé drives Debian's Chromium instead (CHROMIUM_PATH, default /usr/bin/chromium).
module.exports = { skipDownload: true };
