"""`codejudge serve MODEL_PATH`: a local transformers model as an OpenAI-compatible endpoint.

codejudge serve ./my-judge --host 127.0.0.1 --port 8000
codejudge judge --input rows.jsonl --llm openai:http://127.0.0.1:8000/v1 --model my-judge
"""

from __future__ import annotations

import argparse
import logging

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model_path", metavar="MODEL_PATH", help="a save_pretrained folder")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    parser.add_argument("--model-name", help="id reported by /v1/models (default: folder name)")
    parser.add_argument("--max-tokens", type=int, default=512, help="default completion budget")
    parser.add_argument("--device", help="cpu | cuda (default: cuda if available)")


def run(args: argparse.Namespace) -> int:
    from codejudge.judge.llm.hf import TransformersLLM
    from codejudge.judge.serve import make_server

    llm = TransformersLLM(
        args.model_path, name=args.model_name, max_new_tokens=args.max_tokens, device=args.device
    )
    server = make_server(llm, args.host, args.port, llm.name)
    print(f"serving {llm.name} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
