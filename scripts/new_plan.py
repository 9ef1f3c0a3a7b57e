"""新建一条活动预告：``.venv/bin/python scripts/new_plan.py [参数]``（``make plan``）.

Without flags it asks every question in Chinese; ``--help`` lists the flags. The logic
lives in :mod:`site_plugins.scaffold.plan`.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Importable from a plain checkout too (the package is normally installed by make site).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    from site_plugins.scaffold.plan import main
except ImportError as exc:  # a clerk must never face a traceback
    sys.exit(
        f"缺少运行所需的程序库（{exc.name}）。请在网站仓库的根目录先运行 make site 安装，"
        f"再用 .venv/bin/python scripts/new_plan.py 运行（或直接运行 make plan）。"
    )

if __name__ == "__main__":
    sys.exit(main())
