/** The console's whole stylesheet: mobile first, system fonts, no web fonts or images. */
export const STYLE = `
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f5f2;color:#1f2421}
a{color:#25603a}
.top{background:#2f6b3a;color:#fff;padding:8px 14px;display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px}
.top a{color:#fff;text-decoration:none}
.brand{font-weight:600;font-size:16px;margin-right:auto}
.top nav{display:flex;flex-wrap:wrap;gap:4px;order:3;width:100%}
.top nav a{padding:5px 10px;border-radius:14px;background:#ffffff1a;font-size:14px}
.top nav a[aria-current]{background:#fff;color:#2f6b3a}
.me{display:flex;align-items:center;gap:8px;font-size:13px}
.me form{margin:0}
.me button,.lang a{font:inherit;font-size:13px;color:#fff;background:none;border:1px solid #ffffff80;border-radius:12px;padding:2px 9px;cursor:pointer}
.lang{display:flex;gap:4px}
.lang a[aria-current]{background:#ffffff33}
main{max-width:1040px;margin:0 auto;padding:14px}
h1{font-size:21px;margin:4px 0 12px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:15px;margin:14px 0 6px}
.card{background:#fff;border-radius:10px;padding:14px;margin:0 0 14px;box-shadow:0 1px 2px #0000001a}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px}
.grid>.card{margin:0}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px;margin:0 0 14px}
.stat{background:#fff;border-radius:10px;padding:10px 12px;box-shadow:0 1px 2px #0000001a}
.stat b{display:block;font-size:24px;line-height:1.2}
.stat span{font-size:13px;color:#5b635e}
.muted{color:#5b635e;font-size:13px}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:6px 12px}
.grow{flex:1;min-width:0}
.item{border-top:1px solid #e6e8e3;padding:12px 0}
.item:first-of-type{border-top:0}
.item h3{margin:0 0 4px;word-break:break-word}
.pill{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;background:#e8ebe6;color:#37403a;white-space:nowrap}
.pill.running,.pill.open,.pill.published{background:#dcebff;color:#1b4f91}
.pill.scheduled,.pill.draft{background:#efe5fb;color:#5b3391}
.pill.done,.pill.completed{background:#dcf2de;color:#1d6b2b}
.pill.cancelled,.pill.closed{background:#eceae6;color:#5b5650}
.counts{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:13px;margin:6px 0 0;padding:0;list-style:none}
.counts i{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:4px}
svg{display:block;width:100%;overflow:visible}
svg text{font-size:13px;fill:#1f2421}
svg .v{fill:#5b635e;font-size:12px}
.c-bar{fill:#3f8f55}.c-sent{fill:#3f8f55;background:#3f8f55}.c-failed{fill:#c8463d;background:#c8463d}
.c-blocked{fill:#e39b2d;background:#e39b2d}.c-outsideWindow{fill:#6f8fb3;background:#6f8fb3}
.c-cancelled{fill:#a9a59e;background:#a9a59e}.c-pending{fill:#e3e6e1;background:#e3e6e1}
.c-track{fill:#eef0ec}.c-opened{fill:#9cc7a6;background:#9cc7a6}
label{display:block;font-weight:600;font-size:14px;margin:12px 0 4px}
label.inline{display:inline-flex;align-items:center;gap:6px;font-weight:400;margin:4px 14px 4px 0}
input:not([type]),input[type=text],input[type=password],input[type=number],input[type=search],input[type=date],input[type=datetime-local],select,textarea{width:100%;font:inherit;font-size:16px;padding:8px 10px;border:1px solid #b9c0b7;border-radius:8px;background:#fff;color:inherit}
textarea{min-height:90px;resize:vertical}
textarea.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;min-height:220px}
input:focus,select,textarea:focus{outline-color:#2f6b3a}
fieldset{border:1px solid #dfe3dc;border-radius:8px;margin:12px 0;padding:6px 12px 10px}
legend{font-weight:600;font-size:14px;padding:0 4px}
.buttons{display:flex;flex-wrap:wrap;gap:8px;margin-top:14px}
button,.button{font:inherit;font-size:15px;padding:8px 16px;border-radius:8px;border:1px solid #2f6b3a;background:#fff;color:#2f6b3a;cursor:pointer;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:#2f6b3a;color:#fff}
button.danger{border-color:#b3372e;color:#b3372e}
.error{background:#fde8e6;color:#8a1c15;border-radius:8px;padding:8px 12px;margin:8px 0}
.error ul{margin:4px 0 0;padding-left:18px}
.field-error{color:#a3281f;font-size:13px;margin:2px 0 0}
.ok{background:#e3f3e5;color:#1d5b2a;border-radius:8px;padding:8px 12px;margin:8px 0}
.chat{background:#e9e4d8;border-radius:10px;padding:10px}
.bubble{background:#fff;border-radius:12px;border-bottom-left-radius:4px;padding:8px 11px;max-width:92%;width:fit-content;white-space:pre-wrap;word-break:break-word;margin:4px 0}
.answers{list-style:none;margin:0;padding:0}
.answers li{border-top:1px solid #eceee9;padding:6px 0;white-space:pre-wrap;word-break:break-word}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-top:1px solid #e6e8e3;vertical-align:top;word-break:break-word}
th{font-weight:600;color:#5b635e;border-top:0}
.scroll{overflow-x:auto}
.scroll th,table.nowrap td{white-space:nowrap}
td.wide{min-width:9em}
pre.definition{white-space:pre-wrap;word-break:break-word;font-size:12px;background:#f6f7f4;border-radius:8px;padding:8px;max-height:60vh;overflow:auto}
.login{max-width:380px;margin:8vh auto}
summary{cursor:pointer;font-weight:600;font-size:17px}
details[open]>summary{margin-bottom:8px}
@media (min-width:760px){.top nav{order:0;width:auto}main{padding:20px}}
`;
