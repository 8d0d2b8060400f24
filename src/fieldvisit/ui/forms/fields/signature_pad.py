"""A signature pad: strokes drawn with a mouse, a pen or a finger, saved as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF, QTabletEvent, QTouchEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

PAD_WIDTH, PAD_HEIGHT = 600, 220


class SignaturePad(QWidget):
    """Collects strokes; `to_png` renders them black on white at the pad's size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName(self.tr("Signature pad"))
        self.setFixedSize(PAD_WIDTH, PAD_HEIGHT)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.strokes: list[QPolygonF] = []
        self._drawing = False

    def is_empty(self) -> bool:
        """Whether nothing has been drawn."""
        return not any(stroke.size() > 1 for stroke in self.strokes)

    def clear(self) -> None:
        """Wipe the pad."""
        self.strokes.clear()
        self.update()

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self.strokes.append(QPolygonF([point]))
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(point)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._drawing = False

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        else:
            self._drawing = False
        event.accept()

    def event(self, event: object) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            if event.type() == QTouchEvent.Type.TouchBegin:
                self._begin(point)
            elif event.type() == QTouchEvent.Type.TouchUpdate:
                self._extend(point)
            else:
                self._drawing = False
            event.accept()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#cbd2d9"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(20, PAD_HEIGHT - 40, PAD_WIDTH - 20, PAD_HEIGHT - 40)
        self._draw(painter)
        painter.end()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for stroke in self.strokes:
            painter.drawPolyline(stroke)

    def to_png(self) -> bytes:
        """The strokes as a PNG image (white background)."""
        image = QImage(PAD_WIDTH, PAD_HEIGHT, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class SignatureDialog(QDialog):
    """Sign here, then 确定; 清除 starts again."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Sign in the box with the mouse, a pen or a finger."), self))
        self.pad = SignaturePad(self)
        layout.addWidget(self.pad)
        buttons = QHBoxLayout()
        clear = QPushButton(self.tr("Clear"), self)
        clear.setObjectName("signatureClear")
        clear.setAccessibleName(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("signatureCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Done"), self)
        self.ok.setObjectName("signatureOk")
        self.ok.setAccessibleName(self.tr("Done"))
        self.ok.setProperty("primary", True)
        self.ok.clicked.connect(self._done)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)

    def _done(self) -> None:
        if not self.pad.is_empty():
            self.accept()
