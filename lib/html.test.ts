import { describe, expect, it } from "vitest";
import { escapeHtml, markup } from "./html";

describe("markup", () => {
  it("escapes text so that it can become neither a tag nor an attribute", () => {
    const name = `"><img src=x onerror=alert(1)> & 'quoted'`;
    const escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quoted&#39;";
    const cell = markup`<td title="${name}" data-x='${name}'>${name}</td>`;
    expect(cell.html).toBe(`<td title="${escaped}" data-x='${escaped}'>${escaped}</td>`);
    expect(cell.html).not.toContain("<img");
  });

  it("nests markup it made, as it is, and lists of it", () => {
    const badge = markup`<span>${"Won"}</span>`;
    const cells = ["a<b", "c"].map((text) => markup`<td>${text}</td>`);
    expect(markup`<tr>${badge}${cells}</tr>`.html).toBe("<tr><span>Won</span><td>a&lt;b</td><td>c</td></tr>");
  });

  it("refuses to take a look-alike object as markup", () => {
    const forged = { html: "<script>alert(1)</script>" } as unknown as string;
    expect(markup`<td>${forged}</td>`.html).toBe("<td>[object Object]</td>");
    expect(markup`<td>${[forged] as never}</td>`.html).toBe("<td></td>");
  });

  it("writes numbers as text and nothing for false, null and undefined", () => {
    expect(markup`<td>${42}${false}${null}${undefined}</td>`.html).toBe("<td>42</td>");
  });

  it("escapes each of the five characters markup gives meaning to", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
