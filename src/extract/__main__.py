import sys

from .cli.main import main

sys.exit(main(sys.argv[1:], prog="python -m extract"))
