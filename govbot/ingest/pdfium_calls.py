"""pdfium's C functions as the PDF readers call them for every line, character and page
object: without ctypes argument types, whose checking and converting costs more than the
call itself. Callers pass handles as ctypes pointers or `Handle`s, out-values by reference
and only C ints as Python ints (ctypes converts an int to a C int)."""
from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c


class Handle(ctypes.c_void_p):
    """A pdfium object handle from a bare function (a plain c_void_p result would be an int)."""


def bare(function, handle: bool = False):
    """`function` without its argument types (its result type kept, or `Handle`)."""
    call = ctypes.CFUNCTYPE(Handle if handle else function.restype)(ctypes.cast(function, ctypes.c_void_p).value)
    call.argtypes = None
    return call


# page objects
object_at = bare(pdfium_c.FPDFPage_GetObject, handle=True)
object_type = bare(pdfium_c.FPDFPageObj_GetType)
bounds = bare(pdfium_c.FPDFPageObj_GetBounds)
draw_mode = bare(pdfium_c.FPDFPath_GetDrawMode)
fill_colour = bare(pdfium_c.FPDFPageObj_GetFillColor)
matrix = bare(pdfium_c.FPDFPageObj_GetMatrix)
form_count = bare(pdfium_c.FPDFFormObj_CountObjects)
form_object_at = bare(pdfium_c.FPDFFormObj_GetObject, handle=True)
# path segments
segment_count = bare(pdfium_c.FPDFPath_CountSegments)
segment_at = bare(pdfium_c.FPDFPath_GetPathSegment, handle=True)
segment_type = bare(pdfium_c.FPDFPathSegment_GetType)
segment_point = bare(pdfium_c.FPDFPathSegment_GetPoint)
segment_closes = bare(pdfium_c.FPDFPathSegment_GetClose)
# text page characters
char_count = bare(pdfium_c.FPDFText_CountChars)
unicode_at = bare(pdfium_c.FPDFText_GetUnicode)
generated = bare(pdfium_c.FPDFText_IsGenerated)
loose_box = bare(pdfium_c.FPDFText_GetLooseCharBox)
font_size = bare(pdfium_c.FPDFText_GetFontSize)
font_weight = bare(pdfium_c.FPDFText_GetFontWeight)
