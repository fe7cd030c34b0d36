"""Gestures the browser tests share."""

_TOUCH_DRAG = """(element, [start, path]) => {
    const fire = (type, [x, y]) => element.dispatchEvent(new PointerEvent(type, {
        bubbles: true, cancelable: true, composed: true, pointerId: 21, pointerType: 'touch',
        isPrimary: true, button: type === 'pointermove' ? -1 : 0,
        buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y,
    }));
    fire('pointerdown', start);
    for (const point of path) fire('pointermove', point);
    fire('pointerup', path[path.length - 1]);
}"""


def touch_drag(locator, start, path) -> None:
    """A finger drag as pointer events with pointerType "touch", all dispatched on the element the finger
    went down on (a touch pointer is implicitly captured by that element)."""
    locator.evaluate(_TOUCH_DRAG, [start, path])
