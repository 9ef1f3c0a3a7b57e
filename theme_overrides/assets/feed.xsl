<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed (feed.xml) opened in a browser as a readable Chinese page: what a
     feed is, how to subscribe, and the latest activities as links. Feed readers ignore
     this file. No outside loads; styles are inline. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="http://www.w3.org/2005/Atom" exclude-result-prefixes="a">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/a:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="a:title"/>（订阅源）</title>
        <style>
          body { margin: 0; font: 18px/1.7 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #212121; background: #fff; }
          header { padding: 16px; color: #fff; background: #b71c1c; }
          header h1 { margin: 0; font-size: 22px; }
          main { max-width: 46rem; margin: 0 auto; padding: 8px 16px 32px; }
          .note { padding: 12px 16px; border-left: 5px solid #c62828; background: #fbe9e7; }
          ol { list-style: none; margin: 0; padding: 0; }
          li { padding: 12px 0; border-bottom: 1px solid #ddd; }
          a { color: #b71c1c; text-decoration: underline; }
          li a { display: inline-flex; align-items: center; min-height: 44px; font-weight: 700; }
          .meta { color: #424242; font-size: 15px; }
          .back { display: inline-flex; align-items: center; min-height: 44px; }
        </style>
      </head>
      <body>
        <header><h1><xsl:value-of select="a:title"/></h1></header>
        <main>
          <p class="note">这是本站的<strong>订阅源</strong>，供“阅读器”类软件自动获取最新活动。把本页网址复制到阅读器中即可订阅；只想看活动，请点下面的标题或<a class="back" href="{a:link[@rel='alternate']/@href}">回到网站</a>。</p>
          <h2>最新活动</h2>
          <ol>
            <xsl:for-each select="a:entry">
              <li>
                <a href="{a:link[@rel='alternate']/@href}"><xsl:value-of select="a:title"/></a>
                <div class="meta"><xsl:value-of select="substring(a:published, 1, 10)"/> · <xsl:value-of select="a:author/a:name"/></div>
                <div><xsl:value-of select="a:summary"/></div>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
