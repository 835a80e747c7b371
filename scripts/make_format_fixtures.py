#!/usr/bin/env python3
"""Builds the format fixtures under tests/data/formats/ from two of the shipped pages.

- yueqing-2020.html: the 乐清 page as a government site publishes it and a browser
  saves it (head, scripts, navigation, breadcrumb, one <p> per line of the scraped
  text, footer), so the HTML reader is tested on a whole page, chrome included.
- shuangta-2022.docx: the 双塔 rules as a Word document (python-docx 1.2, its
  default template: one paragraph per line, chapter lines as headings).

Run once with python-docx installed (`pip install python-docx`); the outputs are
committed and the tests read them, never this script.
"""
import html
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "data" / "rules"
OUT = ROOT / "tests" / "data" / "formats"


def make_html():
    lines = (RULES / "yueqing-2020.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(
        f'<p style="text-indent: 2em; line-height: 2em;">{html.escape(l)}</p>' if l.strip() else "<p><br/></p>"
        for l in lines
    )
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>乐清市人民政府关于印发乐清市人民政府工作规则的通知</title>
<meta name="SiteName" content="乐清市人民政府" />
<meta name="ArticleTitle" content="乐清市人民政府关于印发乐清市人民政府工作规则的通知" />
<link rel="stylesheet" href="/css/style.css" type="text/css" />
<style type="text/css">.bt_content p {{ font-size: 16px; }} .nav li {{ float: left; }}</style>
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>第一条 脚本写出的字</p>");</script>
</head>
<body>
<div class="top"><a href="/">乐清市人民政府</a> <a href="/col/col1/">无障碍</a> <a href="/col/col2/">长者模式</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府文件</div>
<table class="xxgk" width="100%"><tr><td>索引号:</td><td>001008003/2020-00001</td><td>发布机构:</td><td>乐清市人民政府</td></tr>
<tr><td>公开方式:</td><td>主动公开</td><td>成文日期:</td><td>2020-03-12</td></tr></table>
<div class="title"><h1>乐清市人民政府关于印发乐清市人民政府工作规则的通知</h1></div>
<div class="bt_content" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart"/>
{body}
<!--ZJEG_RSS.content.end--><meta name="ContentEnd"/>
</div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="footer"><p>主办:乐清市人民政府办公室 &nbsp; 浙ICP备05000000号</p><noscript>您的浏览器不支持脚本</noscript></div>
</body>
</html>
"""
    (OUT / "yueqing-2020.html").write_text(page, encoding="utf-8")


def make_docx():
    import docx  # python-docx

    lines = (RULES / "shuangta-2022.txt").read_text(encoding="utf-8").splitlines()
    d = docx.Document()
    for l in lines:
        s = l.strip()
        if s.startswith("第") and "章" in s[:5] and len(s) < 20:
            d.add_heading(s, level=2)
        else:
            d.add_paragraph(l)
    d.save(OUT / "shuangta-2022.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    make_html()
    make_docx()
