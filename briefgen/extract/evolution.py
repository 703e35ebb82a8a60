"""stub"""
from typing import Literal
from briefgen.extract.base import SectionParams
class Params(SectionParams):
    type: Literal["evolution"]
def extract(speeches, params): ...
