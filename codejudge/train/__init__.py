"""Judge training with TRL, RISE-Judge style: LoRA SFT warm-up, sampling from the SFT model, DPO on its
own correct-vs-incorrect judgments that continues the SFT adapter.

``config.py`` (what is codejudge's own; the rest passes to SFTConfig/DPOConfig),
``sft.py``, ``sample.py`` and ``dpo.py`` (one stage each, read top to bottom),
``evaluate.py`` (strict held-out accuracy, position consistency), ``export.py``
(merge + model cards), ``run.py`` (the stages in order, resumable),
``accelerate/`` (DDP, FSDP, ZeRO-2/3 launch configs).
"""
