"""A post's reading time, stored on the post when it is saved (listings read it for every post they show)."""

import math

from core.blocks import count_words

WORDS_PER_MINUTE = 230


def reading_minutes(body):
    """Minutes to read a StreamField's prose, at least one."""
    return max(1, math.ceil(count_words(body) / WORDS_PER_MINUTE))
