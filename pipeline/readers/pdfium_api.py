"""The pdfium functions the PDF reader calls, bound with plain handles.

pypdfium2.raw types every handle as a pointer to an opaque struct, so two handles to one
text object are two Python objects that never compare equal. The reader asks pdfium, for
each character, which text object drew it and keeps what it learnt per object; here the
same C functions are bound again from their addresses with ``c_void_p`` handles, which come
back as ints: comparable, hashable, and cheaper to pass (the reader makes a few calls per
character, the cost that decides its speed).
"""
from __future__ import annotations

import ctypes
import threading
from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ulong, c_ushort, c_void_p
from typing import Any

import pypdfium2  # noqa: F401 - importing it initialises the library
import pypdfium2.raw as raw

Handle = int  # a pdfium handle (page, text page, page object, font, path segment)

# pdfium is not thread-safe, and a Dask worker reads documents in several threads: whoever
# calls into pdfium (the PDF engine, the OCR's rendering) holds this lock meanwhile.
LOCK = threading.Lock()

FS_MATRIX = raw.FS_MATRIX
FS_RECTF = raw.FS_RECTF
OBJ_TEXT, OBJ_PATH, OBJ_IMAGE, OBJ_FORM = (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH,
                                          raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM)
SEGMENT_MOVETO = raw.FPDF_SEGMENT_MOVETO


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    """The pdfium function ``name`` with the given C signature (handles as c_void_p)."""
    address = ctypes.cast(getattr(raw, name), c_void_p).value
    if not address:
        raise ImportError(f"pdfium has no function {name}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_double_p, _float_p, _int_p, _uint_p = POINTER(c_double), POINTER(c_float), POINTER(c_int), POINTER(c_uint)
_rect_p, _matrix_p = POINTER(FS_RECTF), POINTER(FS_MATRIX)

# pages
load_page = _bind("FPDF_LoadPage", c_void_p, c_void_p, c_int)
close_page = _bind("FPDF_ClosePage", None, c_void_p)
page_rotation = _bind("FPDFPage_GetRotation", c_int, c_void_p)
page_mediabox = _bind("FPDFPage_GetMediaBox", c_int, c_void_p, _float_p, _float_p, _float_p, _float_p)
count_objects = _bind("FPDFPage_CountObjects", c_int, c_void_p)
get_object = _bind("FPDFPage_GetObject", c_void_p, c_void_p, c_int)

# text pages: the characters in reading order, each with its box and its text object
load_text_page = _bind("FPDFText_LoadPage", c_void_p, c_void_p)
close_text_page = _bind("FPDFText_ClosePage", None, c_void_p)
count_chars = _bind("FPDFText_CountChars", c_int, c_void_p)
get_text = _bind("FPDFText_GetText", c_int, c_void_p, c_int, c_int, POINTER(c_ushort))
get_unicode = _bind("FPDFText_GetUnicode", c_uint, c_void_p, c_int)
is_hyphen = _bind("FPDFText_IsHyphen", c_int, c_void_p, c_int)
has_map_error = _bind("FPDFText_HasUnicodeMapError", c_int, c_void_p, c_int)
text_object = _bind("FPDFText_GetTextObject", c_void_p, c_void_p, c_int)
char_origin = _bind("FPDFText_GetCharOrigin", c_int, c_void_p, c_int, _double_p, _double_p)
loose_char_box = _bind("FPDFText_GetLooseCharBox", c_int, c_void_p, c_int, _rect_p)
char_matrix = _bind("FPDFText_GetMatrix", c_int, c_void_p, c_int, _matrix_p)
char_font_size = _bind("FPDFText_GetFontSize", c_double, c_void_p, c_int)

# page objects
object_type = _bind("FPDFPageObj_GetType", c_int, c_void_p)
object_matrix = _bind("FPDFPageObj_GetMatrix", c_int, c_void_p, _matrix_p)
object_bounds = _bind("FPDFPageObj_GetBounds", c_int, c_void_p, _float_p, _float_p, _float_p, _float_p)
fill_color = _bind("FPDFPageObj_GetFillColor", c_int, c_void_p, _uint_p, _uint_p, _uint_p, _uint_p)
stroke_color = _bind("FPDFPageObj_GetStrokeColor", c_int, c_void_p, _uint_p, _uint_p, _uint_p, _uint_p)
text_font = _bind("FPDFTextObj_GetFont", c_void_p, c_void_p)
text_font_size = _bind("FPDFTextObj_GetFontSize", c_int, c_void_p, _float_p)
font_base_name = _bind("FPDFFont_GetBaseFontName", c_ulong, c_void_p, c_void_p, c_ulong)
font_descent = _bind("FPDFFont_GetDescent", c_int, c_void_p, c_float, _float_p)
font_is_embedded = _bind("FPDFFont_GetIsEmbedded", c_int, c_void_p)
glyph_width = _bind("FPDFFont_GetGlyphWidth", c_int, c_void_p, c_uint, c_float, _float_p)  # by Unicode
path_draw_mode = _bind("FPDFPath_GetDrawMode", c_int, c_void_p, _int_p, _int_p)
count_segments = _bind("FPDFPath_CountSegments", c_int, c_void_p)
get_segment = _bind("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
segment_point = _bind("FPDFPathSegment_GetPoint", c_int, c_void_p, _float_p, _float_p)
segment_type = _bind("FPDFPathSegment_GetType", c_int, c_void_p)
segment_closes = _bind("FPDFPathSegment_GetClose", c_int, c_void_p)
count_form_objects = _bind("FPDFFormObj_CountObjects", c_int, c_void_p)
get_form_object = _bind("FPDFFormObj_GetObject", c_void_p, c_void_p, c_ulong)
